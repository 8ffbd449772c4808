import { CIDAAS_ROUTES } from '../cidaas-routes';
import { randomBytes } from 'node:crypto';

import { Router, type Request, type Response } from 'express';

import { isUuid, queryParam } from '../http';
import { LOCALE_OF, pickTenantLanguage, type TenantLanguage } from '../locale';
import type {
  FieldLocaleText as WireFieldLocaleText,
  FieldSetup as WireFieldSetup,
} from '../../../src/contract/cidaas-types';
import type { EmulatorStore } from '../store';

/** The field-specific texts of a {@link FieldSetup} item: the contract's, with what the emulator always sends. */
export type FieldLocaleText = WireFieldLocaleText & {
  readonly locale: string;
  readonly language: string;
  readonly name: string;
};

/** One item of the E5 field setup, as cidaas sends it: the contract's type, with what the emulator always sends. */
export type FieldSetup = WireFieldSetup & {
  readonly fieldType: 'SYSTEM' | 'CUSTOM';
  readonly order: number;
  readonly required: boolean;
  readonly readOnly: boolean;
  readonly localeText: FieldLocaleText;
};

/** The paths E5 is served at (older and newer tenants). */
export const FIELD_SETUP_PATHS = [
  CIDAAS_ROUTES.fieldSetup,
  '/fieldsetup-srv/public/fields',
  '/user-srv/public/fields',
] as const;

/** The maximum password length announced by the field setup. */
export const PASSWORD_FIELD_MAX_LENGTH = 64;

type FieldTexts = Omit<FieldLocaleText, 'locale' | 'language'>;

const TEXTS: Readonly<Record<TenantLanguage, Readonly<Record<string, FieldTexts>>>> = {
  en: {
    email: { name: 'Email', required: 'Email is required' },
    given_name: { name: 'Given name', required: 'Given name is required' },
    family_name: { name: 'Family name' },
    password: {
      name: 'New password',
      required: 'New password is required',
      maxLength: `The password must be at most ${PASSWORD_FIELD_MAX_LENGTH} characters long`,
    },
    password_echo: {
      name: 'Confirm new password',
      required: 'Please confirm the new password',
      maxLength: `The password must be at most ${PASSWORD_FIELD_MAX_LENGTH} characters long`,
      matchWith: 'The passwords do not match',
    },
  },
  de: {
    email: { name: 'E-Mail', required: 'E-Mail ist erforderlich' },
    given_name: { name: 'Vorname', required: 'Vorname ist erforderlich' },
    family_name: { name: 'Nachname' },
    password: {
      name: 'Neues Passwort',
      required: 'Neues Passwort ist erforderlich',
      maxLength: `Das Passwort darf höchstens ${PASSWORD_FIELD_MAX_LENGTH} Zeichen lang sein`,
    },
    password_echo: {
      name: 'Neues Passwort wiederholen',
      required: 'Bitte bestätigen Sie das neue Passwort',
      maxLength: `Das Passwort darf höchstens ${PASSWORD_FIELD_MAX_LENGTH} Zeichen lang sein`,
      matchWith: 'Die Passwörter stimmen nicht überein',
    },
  },
  fr: {
    email: { name: 'Adresse e-mail', required: 'L’adresse e-mail est obligatoire' },
    given_name: { name: 'Prénom', required: 'Le prénom est obligatoire' },
    family_name: { name: 'Nom' },
    password: {
      name: 'Nouveau mot de passe',
      required: 'Le nouveau mot de passe est obligatoire',
      maxLength: `Le mot de passe ne doit pas dépasser ${PASSWORD_FIELD_MAX_LENGTH} caractères`,
    },
    password_echo: {
      name: 'Confirmer le nouveau mot de passe',
      required: 'Veuillez confirmer le nouveau mot de passe',
      maxLength: `Le mot de passe ne doit pas dépasser ${PASSWORD_FIELD_MAX_LENGTH} caractères`,
      matchWith: 'Les mots de passe ne correspondent pas',
    },
  },
  ar: {
    email: { name: 'البريد الإلكتروني', required: 'البريد الإلكتروني مطلوب' },
    given_name: { name: 'الاسم الأول', required: 'الاسم الأول مطلوب' },
    family_name: { name: 'اسم العائلة' },
    password: {
      name: 'كلمة المرور الجديدة',
      required: 'كلمة المرور الجديدة مطلوبة',
      maxLength: `يجب ألا تزيد كلمة المرور على ${PASSWORD_FIELD_MAX_LENGTH} حرفًا`,
    },
    password_echo: {
      name: 'تأكيد كلمة المرور الجديدة',
      required: 'يُرجى تأكيد كلمة المرور الجديدة',
      maxLength: `يجب ألا تزيد كلمة المرور على ${PASSWORD_FIELD_MAX_LENGTH} حرفًا`,
      matchWith: 'كلمتا المرور غير متطابقتين',
    },
  },
};

/** The field setup of the demo tenant in a language: three profile fields and the two SYSTEM password fields. */
export function fieldSetup(language: TenantLanguage): FieldSetup[] {
  const text = (fieldKey: string): FieldLocaleText => ({
    locale: LOCALE_OF[language],
    language,
    ...(TEXTS[language][fieldKey] ?? { name: fieldKey }),
  });
  return [
    {
      fieldKey: 'email',
      dataType: 'EMAIL',
      fieldType: 'SYSTEM',
      order: 1,
      required: true,
      readOnly: false,
      fieldDefinition: { maxLength: 254 },
      localeText: text('email'),
    },
    {
      fieldKey: 'given_name',
      dataType: 'TEXT',
      fieldType: 'SYSTEM',
      order: 2,
      required: true,
      readOnly: false,
      fieldDefinition: { maxLength: 100 },
      localeText: text('given_name'),
    },
    {
      fieldKey: 'family_name',
      dataType: 'TEXT',
      fieldType: 'SYSTEM',
      order: 3,
      required: false,
      readOnly: false,
      fieldDefinition: { maxLength: 100 },
      localeText: text('family_name'),
    },
    {
      fieldKey: 'password',
      dataType: 'PASSWORD',
      fieldType: 'SYSTEM',
      order: 4,
      required: true,
      readOnly: false,
      fieldDefinition: { maxLength: PASSWORD_FIELD_MAX_LENGTH, applyPasswordPoly: true },
      localeText: text('password'),
    },
    {
      fieldKey: 'password_echo',
      dataType: 'PASSWORD',
      fieldType: 'SYSTEM',
      order: 5,
      required: true,
      readOnly: false,
      fieldDefinition: { maxLength: PASSWORD_FIELD_MAX_LENGTH, matchWith: 'password' },
      localeText: text('password_echo'),
    },
  ];
}

/**
 * E5 at all three paths. The language (en, de, fr or ar) comes from `acceptlanguage` or `ui_locales`,
 * then `Accept-Language` (see {@link pickTenantLanguage}).
 */
export function fieldSetupRoutes(store: EmulatorStore): Router {
  const router = Router();

  const handler = (req: Request, res: Response): void => {
    res.set('Cache-Control', 'no-store');
    const requestId = queryParam(req, 'requestId');
    if (!isUuid(requestId) || !store.getLoginRequest(requestId)) {
      res.status(400).json({
        success: false,
        status: 400,
        error: {
          code: 10001,
          type: 'RegistrationSetupException',
          error: 'invalid requestId',
          referenceNumber: randomBytes(6).readUIntBE(0, 6).toString(),
        },
      });
      return;
    }
    const languages =
      queryParam(req, 'acceptlanguage') ??
      queryParam(req, 'ui_locales') ??
      req.get('accept-language');
    res.json({ success: true, status: 200, data: fieldSetup(pickTenantLanguage(languages)) });
  };

  for (const path of FIELD_SETUP_PATHS) router.get(path, handler);
  return router;
}
